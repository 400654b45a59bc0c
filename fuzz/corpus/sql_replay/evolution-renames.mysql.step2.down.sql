-- RenameTable
ALTER TABLE `Client` RENAME TO `Customer`;

-- AlterTable
ALTER TABLE `Customer` RENAME COLUMN `display_name` TO `full_name`;
