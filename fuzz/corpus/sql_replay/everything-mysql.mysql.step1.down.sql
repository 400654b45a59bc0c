-- WARNING: going back loses data:
-- WARNING: dropping table `accounts`: all its rows are lost
-- WARNING: dropping table `notes`: all its rows are lost

-- DropForeignKey
ALTER TABLE `notes` DROP FOREIGN KEY `notes_account_id_fkey`;

-- DropTable
DROP TABLE `accounts`;

-- DropTable
DROP TABLE `notes`;
