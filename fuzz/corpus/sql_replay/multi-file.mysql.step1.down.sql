-- WARNING: going back loses data:
-- WARNING: dropping table `orders`: all its rows are lost
-- WARNING: dropping table `User`: all its rows are lost

-- DropForeignKey
ALTER TABLE `orders` DROP FOREIGN KEY `orders_user_id_fkey`;

-- DropTable
DROP TABLE `orders`;

-- DropTable
DROP TABLE `User`;
