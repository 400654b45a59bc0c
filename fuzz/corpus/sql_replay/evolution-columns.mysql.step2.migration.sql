-- WARNING: dropping column `Item.legacy`: its data is lost
-- WARNING: changing the type of `Item.price` from INTEGER to BIGINT: may fail or lose data

-- AlterTable
ALTER TABLE `Item` DROP COLUMN `legacy`;

-- AlterTable
ALTER TABLE `Item` ADD COLUMN `sku` VARCHAR(191);

-- AlterTable
ALTER TABLE `Item` ADD COLUMN `active` BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE `Item` ADD COLUMN `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3);

-- AlterTable
ALTER TABLE `Item` MODIFY `quantity` INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE `Item` MODIFY `note` VARCHAR(191);

-- AlterTable
ALTER TABLE `Item` MODIFY `price` BIGINT;
