-- WARNING: going back loses data:
-- WARNING: dropping table `Customer`: all its rows are lost

-- DropTable
DROP TABLE "Customer";
