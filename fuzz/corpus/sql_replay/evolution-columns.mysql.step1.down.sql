-- WARNING: going back loses data:
-- WARNING: dropping table `Item`: all its rows are lost

-- DropTable
DROP TABLE `Item`;
