-- WARNING: going back loses data:
-- WARNING: dropping column `Team.ownerId`: its data is lost
-- WARNING: making `Member.teamId` required: fails if it holds NULLs

-- DropForeignKey
ALTER TABLE `Team` DROP FOREIGN KEY `Team_ownerId_fkey`;

-- DropForeignKey
ALTER TABLE `Member` DROP FOREIGN KEY `Member_teamId_fkey`;

-- DropIndex
DROP INDEX `Team_ownerId_key` ON `Team`;

-- AlterTable
ALTER TABLE `Team` DROP COLUMN `ownerId`;

-- AlterTable
ALTER TABLE `Member` MODIFY `teamId` INTEGER NOT NULL;

-- AddForeignKey
ALTER TABLE `Member` ADD CONSTRAINT `Member_teamId_fkey` FOREIGN KEY (`teamId`) REFERENCES `Team`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
