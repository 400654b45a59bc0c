-- CreateTable
CREATE TABLE `Account` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `email` VARCHAR(191) NOT NULL,
    `handle` VARCHAR(191) NOT NULL,
    `region` VARCHAR(191) NOT NULL,
    `tier` INTEGER NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateIndex
CREATE UNIQUE INDEX `Account_email_key` ON `Account`(`email`);

-- CreateIndex
CREATE INDEX `Account_region_idx` ON `Account`(`region`);
