-- WARNING: going back loses data:
-- WARNING: dropping table `accounts`: all its rows are lost
-- WARNING: dropping table `notes`: all its rows are lost

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- DropTable
DROP TABLE "accounts";

-- DropTable
DROP TABLE "notes";

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
