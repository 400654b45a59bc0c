-- WARNING: going back loses data:
-- WARNING: dropping table `User`: all its rows are lost
-- WARNING: dropping table `Post`: all its rows are lost

-- DropForeignKey
ALTER TABLE `Post` DROP FOREIGN KEY `Post_authorId_fkey`;

-- DropTable
DROP TABLE `User`;

-- DropTable
DROP TABLE `Post`;
