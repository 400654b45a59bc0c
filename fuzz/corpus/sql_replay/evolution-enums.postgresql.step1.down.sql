-- WARNING: going back loses data:
-- WARNING: dropping table `Doc`: all its rows are lost

-- DropTable
DROP TABLE "Doc";

-- DropEnum
DROP TYPE "Status";

-- DropEnum
DROP TYPE "Legacy";
