-- CreateTable
CREATE TABLE `Item` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(191) NOT NULL,
    `legacy` VARCHAR(191),
    `quantity` INTEGER NOT NULL DEFAULT 1,
    `note` VARCHAR(191) NOT NULL,
    `price` INTEGER,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
