-- WARNING: going back loses data:
-- WARNING: dropping table `User`: all its rows are lost
-- WARNING: dropping table `Post`: all its rows are lost

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- DropTable
DROP TABLE "User";

-- DropTable
DROP TABLE "Post";

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
