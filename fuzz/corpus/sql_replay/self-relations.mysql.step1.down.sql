-- WARNING: going back loses data:
-- WARNING: dropping table `Person`: all its rows are lost
-- WARNING: dropping table `Task`: all its rows are lost
-- WARNING: dropping table `_Friends`: all its rows are lost

-- DropForeignKey
ALTER TABLE `Person` DROP FOREIGN KEY `Person_manager_id_fkey`;

-- DropForeignKey
ALTER TABLE `Person` DROP FOREIGN KEY `Person_mentor_id_fkey`;

-- DropForeignKey
ALTER TABLE `Task` DROP FOREIGN KEY `Task_author_id_fkey`;

-- DropForeignKey
ALTER TABLE `Task` DROP FOREIGN KEY `Task_assignee_id_fkey`;

-- DropForeignKey
ALTER TABLE `_Friends` DROP FOREIGN KEY `_Friends_A_fkey`;

-- DropForeignKey
ALTER TABLE `_Friends` DROP FOREIGN KEY `_Friends_B_fkey`;

-- DropTable
DROP TABLE `Person`;

-- DropTable
DROP TABLE `Task`;

-- DropTable
DROP TABLE `_Friends`;
