-- WARNING: going back loses data:
-- WARNING: dropping table `Team`: all its rows are lost
-- WARNING: dropping table `Member`: all its rows are lost

-- DropForeignKey
ALTER TABLE "Member" DROP CONSTRAINT "Member_teamId_fkey";

-- DropTable
DROP TABLE "Team";

-- DropTable
DROP TABLE "Member";
