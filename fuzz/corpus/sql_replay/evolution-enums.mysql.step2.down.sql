-- WARNING: going back loses data:
-- WARNING: removing value(s) `REVIEW` from enum `Doc_status`: fails if rows still use them
-- WARNING: dropping column `Doc.color`: its data is lost

-- AlterEnum
ALTER TABLE `Doc` MODIFY `status` ENUM('DRAFT', 'PUBLISHED', 'ARCHIVED') NOT NULL DEFAULT 'DRAFT';

-- AlterTable
ALTER TABLE `Doc` DROP COLUMN `color`;

-- AlterTable
ALTER TABLE `Doc` ADD COLUMN `legacy` ENUM('A', 'B');
