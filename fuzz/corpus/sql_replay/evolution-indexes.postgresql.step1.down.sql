-- WARNING: going back loses data:
-- WARNING: dropping table `Account`: all its rows are lost

-- DropTable
DROP TABLE "Account";
