-- CreateTable
CREATE TABLE `accounts` (
    `id` INTEGER UNSIGNED NOT NULL AUTO_INCREMENT,
    `external_id` CHAR(36) NOT NULL,
    `email` VARCHAR(191) NOT NULL,
    `display_name` VARCHAR(100),
    `bio` TEXT,
    `visibility` ENUM('public', 'private') NOT NULL DEFAULT 'public',
    `age` SMALLINT,
    `balance` DECIMAL(12,4) NOT NULL DEFAULT 0.00,
    `ratio` DOUBLE NOT NULL DEFAULT 1.0,
    `karma` BIGINT NOT NULL DEFAULT -1,
    `active` TINYINT NOT NULL DEFAULT true,
    `settings` JSON,
    `avatar` BLOB,
    `birthday` DATE,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` TIMESTAMP NOT NULL,
    `token` VARCHAR(36) NOT NULL DEFAULT (uuid()),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `notes` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `account_id` INTEGER UNSIGNED NOT NULL,
    `title` VARCHAR(255) NOT NULL,
    `body` MEDIUMTEXT NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateIndex
CREATE UNIQUE INDEX `accounts_external_id_key` ON `accounts`(`external_id`);

-- CreateIndex
CREATE INDEX `accounts_name_created_idx` ON `accounts`(`display_name`(20), `created_at` DESC);

-- CreateIndex
CREATE UNIQUE INDEX `accounts_email_unique` ON `accounts`(`email`);

-- CreateIndex
CREATE INDEX `notes_title_idx` ON `notes`(`title`(50));

-- CreateIndex
CREATE FULLTEXT INDEX `notes_title_body_idx` ON `notes`(`title`, `body`);

-- AddForeignKey
ALTER TABLE `notes` ADD CONSTRAINT `notes_account_id_fkey` FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON DELETE CASCADE ON UPDATE RESTRICT;
