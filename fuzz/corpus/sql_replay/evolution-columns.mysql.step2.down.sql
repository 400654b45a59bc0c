-- WARNING: going back loses data:
-- WARNING: dropping column `Item.sku`: its data is lost
-- WARNING: dropping column `Item.active`: its data is lost
-- WARNING: dropping column `Item.createdAt`: its data is lost
-- WARNING: making `Item.note` required: fails if it holds NULLs
-- WARNING: changing the type of `Item.price` from BIGINT to INTEGER: may fail or lose data

-- AlterTable
ALTER TABLE `Item` DROP COLUMN `sku`;

-- AlterTable
ALTER TABLE `Item` DROP COLUMN `active`;

-- AlterTable
ALTER TABLE `Item` DROP COLUMN `createdAt`;

-- AlterTable
ALTER TABLE `Item` ADD COLUMN `legacy` VARCHAR(191);

-- AlterTable
ALTER TABLE `Item` MODIFY `quantity` INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE `Item` MODIFY `note` VARCHAR(191) NOT NULL;

-- AlterTable
ALTER TABLE `Item` MODIFY `price` INTEGER;
