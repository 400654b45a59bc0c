-- NOTE: articles.seq: dbgenerated("(abs(random()) % 1000)") is copied verbatim from a sqlite schema; check that mysql accepts it

-- CreateTable
CREATE TABLE `authors` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `email` VARCHAR(191) NOT NULL,
    `name` VARCHAR(191),
    `joined_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `articles` (
    `id` VARCHAR(191) NOT NULL,
    `public_id` VARCHAR(191) NOT NULL,
    `short_code` VARCHAR(191) NOT NULL,
    `kind` ENUM('ARTICLE', 'note') NOT NULL DEFAULT 'ARTICLE',
    `title` VARCHAR(191) NOT NULL,
    `draft` BOOLEAN NOT NULL DEFAULT true,
    `word_count` INTEGER NOT NULL DEFAULT 0,
    `reads` BIGINT NOT NULL DEFAULT 0,
    `score` DOUBLE NOT NULL DEFAULT 0.5,
    `price` DECIMAL(65,30) NOT NULL DEFAULT 1.25,
    `extra` JSON,
    `thumbnail` LONGBLOB,
    `seq` INTEGER NOT NULL DEFAULT (abs(random()) % 1000),
    `author_id` INTEGER NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Label` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(191) NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `_ArticleLabels` (
    `A` VARCHAR(191) NOT NULL,
    `B` INTEGER NOT NULL
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateIndex
CREATE UNIQUE INDEX `authors_email_key` ON `authors`(`email`);

-- CreateIndex
CREATE UNIQUE INDEX `articles_public_id_key` ON `articles`(`public_id`);

-- CreateIndex
CREATE INDEX `articles_kind_draft` ON `articles`(`kind`, `draft`);

-- CreateIndex
CREATE UNIQUE INDEX `articles_author_id_title_key` ON `articles`(`author_id`, `title`);

-- CreateIndex
CREATE UNIQUE INDEX `Label_name_key` ON `Label`(`name`);

-- CreateIndex
CREATE UNIQUE INDEX `_ArticleLabels_AB_unique` ON `_ArticleLabels`(`A`, `B`);

-- CreateIndex
CREATE INDEX `_ArticleLabels_B_index` ON `_ArticleLabels`(`B`);

-- AddForeignKey
ALTER TABLE `articles` ADD CONSTRAINT `articles_author_id_fkey` FOREIGN KEY (`author_id`) REFERENCES `authors`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `_ArticleLabels` ADD CONSTRAINT `_ArticleLabels_A_fkey` FOREIGN KEY (`A`) REFERENCES `articles`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `_ArticleLabels` ADD CONSTRAINT `_ArticleLabels_B_fkey` FOREIGN KEY (`B`) REFERENCES `Label`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
