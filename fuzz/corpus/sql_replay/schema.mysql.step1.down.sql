-- WARNING: going back loses data:
-- WARNING: dropping table `users`: all its rows are lost
-- WARNING: dropping table `profiles`: all its rows are lost
-- WARNING: dropping table `posts`: all its rows are lost
-- WARNING: dropping table `tags`: all its rows are lost
-- WARNING: dropping table `_PostToTag`: all its rows are lost

-- DropForeignKey
ALTER TABLE `profiles` DROP FOREIGN KEY `profiles_user_id_fkey`;

-- DropForeignKey
ALTER TABLE `posts` DROP FOREIGN KEY `posts_author_id_fkey`;

-- DropForeignKey
ALTER TABLE `_PostToTag` DROP FOREIGN KEY `_PostToTag_A_fkey`;

-- DropForeignKey
ALTER TABLE `_PostToTag` DROP FOREIGN KEY `_PostToTag_B_fkey`;

-- DropTable
DROP TABLE `users`;

-- DropTable
DROP TABLE `profiles`;

-- DropTable
DROP TABLE `posts`;

-- DropTable
DROP TABLE `tags`;

-- DropTable
DROP TABLE `_PostToTag`;
