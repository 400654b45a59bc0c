-- NOTE: users.id: @db.Uuid has no mysql equivalent; using VARCHAR(191)
-- NOTE: users.roles: mysql has no arrays; using JSON
-- NOTE: users.tags: mysql has no arrays; using JSON
-- NOTE: users.scores: mysql has no arrays; using JSON
-- NOTE: users.created_at: @db.Timestamptz(6) has no mysql equivalent; using DATETIME(3)
-- NOTE: profiles.user_id: @db.Uuid has no mysql equivalent; using VARCHAR(191)
-- NOTE: posts.search_text: dbgenerated("'pending'::text") is copied verbatim from a postgresql schema; check that mysql accepts it
-- NOTE: posts.author_id: @db.Uuid has no mysql equivalent; using VARCHAR(191)
-- NOTE: Comment.author_id: @db.Uuid has no mysql equivalent; using VARCHAR(191)

-- CreateTable
CREATE TABLE `users` (
    `id` VARCHAR(191) NOT NULL,
    `email` VARCHAR(255) NOT NULL,
    `name` VARCHAR(191),
    `role` ENUM('ADMIN', 'editor', 'READER') NOT NULL DEFAULT 'READER',
    `roles` JSON,
    `tags` JSON,
    `scores` JSON,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,
    `handle` TEXT,
    `internal` VARCHAR(191),
    `location` POINT,
    `ulid` VARCHAR(191) NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `profiles` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `bio` VARCHAR(500) NOT NULL DEFAULT '',
    `user_id` VARCHAR(191) NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `posts` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `slug` VARCHAR(191) NOT NULL,
    `slug2` VARCHAR(191) NOT NULL,
    `short_id` VARCHAR(191) NOT NULL,
    `title` VARCHAR(200) NOT NULL,
    `status` ENUM('DRAFT', 'PUBLISHED', 'ARCHIVED') NOT NULL DEFAULT 'DRAFT',
    `published` BOOLEAN NOT NULL DEFAULT false,
    `views` INTEGER NOT NULL DEFAULT 0,
    `likes` BIGINT NOT NULL DEFAULT 42,
    `rating` DOUBLE NOT NULL DEFAULT 4.5,
    `price` DECIMAL(10,2) NOT NULL DEFAULT 9.99,
    `metadata` JSON NOT NULL DEFAULT '{}',
    `cover` LONGBLOB,
    `day` DATE,
    `published_at` DATETIME(3) DEFAULT '2024-01-01 00:00:00',
    `search_text` VARCHAR(191) DEFAULT 'pending'::text,
    `author_id` VARCHAR(191),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Comment` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `body` VARCHAR(191) NOT NULL,
    `post_id` BIGINT NOT NULL,
    `author_id` VARCHAR(191) NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Category` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(191) NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `AuditLog` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `payload` JSON NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `_CategoryToPost` (
    `A` INTEGER NOT NULL,
    `B` BIGINT NOT NULL
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateIndex
CREATE UNIQUE INDEX `users_email_key` ON `users`(`email`);

-- CreateIndex
CREATE UNIQUE INDEX `users_ulid_key` ON `users`(`ulid`);

-- CreateIndex
CREATE INDEX `users_created_at_idx` ON `users`(`created_at` DESC);

-- CreateIndex
CREATE INDEX `users_name_idx` ON `users` USING HASH (`name`);

-- CreateIndex
CREATE UNIQUE INDEX `profiles_user_id_key` ON `profiles`(`user_id`);

-- CreateIndex
CREATE INDEX `posts_title_published_at_idx` ON `posts`(`title`, `published_at` DESC);

-- CreateIndex
CREATE UNIQUE INDEX `posts_author_title_key` ON `posts`(`author_id`, `title`);

-- CreateIndex
CREATE UNIQUE INDEX `Category_name_key` ON `Category`(`name`);

-- CreateIndex
CREATE UNIQUE INDEX `_CategoryToPost_AB_unique` ON `_CategoryToPost`(`A`, `B`);

-- CreateIndex
CREATE INDEX `_CategoryToPost_B_index` ON `_CategoryToPost`(`B`);

-- AddForeignKey
ALTER TABLE `profiles` ADD CONSTRAINT `profile_user_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE `posts` ADD CONSTRAINT `posts_author_id_fkey` FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Comment` ADD CONSTRAINT `Comment_post_id_fkey` FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Comment` ADD CONSTRAINT `Comment_author_id_fkey` FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `_CategoryToPost` ADD CONSTRAINT `_CategoryToPost_A_fkey` FOREIGN KEY (`A`) REFERENCES `Category`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `_CategoryToPost` ADD CONSTRAINT `_CategoryToPost_B_fkey` FOREIGN KEY (`B`) REFERENCES `posts`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
