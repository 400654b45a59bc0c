-- WARNING: going back loses data:
-- WARNING: dropping table `Team`: all its rows are lost
-- WARNING: dropping table `Member`: all its rows are lost

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- DropTable
DROP TABLE "Team";

-- DropTable
DROP TABLE "Member";

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
