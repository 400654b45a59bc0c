-- WARNING: going back loses data:
-- WARNING: dropping table `Person`: all its rows are lost
-- WARNING: dropping table `Task`: all its rows are lost
-- WARNING: dropping table `_Friends`: all its rows are lost

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- DropTable
DROP TABLE "Person";

-- DropTable
DROP TABLE "Task";

-- DropTable
DROP TABLE "_Friends";

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
