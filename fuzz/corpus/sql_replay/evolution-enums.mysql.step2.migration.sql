-- WARNING: removing value(s) `ARCHIVED` from enum `Doc_status`: fails if rows still use them
-- WARNING: dropping column `Doc.legacy`: its data is lost

-- AlterEnum
ALTER TABLE `Doc` MODIFY `status` ENUM('DRAFT', 'PUBLISHED', 'REVIEW') NOT NULL DEFAULT 'DRAFT';

-- AlterTable
ALTER TABLE `Doc` DROP COLUMN `legacy`;

-- AlterTable
ALTER TABLE `Doc` ADD COLUMN `color` ENUM('RED', 'GREEN') NOT NULL DEFAULT 'RED';
