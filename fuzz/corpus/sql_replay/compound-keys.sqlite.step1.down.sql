-- WARNING: going back loses data:
-- WARNING: dropping table `Tenant`: all its rows are lost
-- WARNING: dropping table `users`: all its rows are lost
-- WARNING: dropping table `Team`: all its rows are lost
-- WARNING: dropping table `memberships`: all its rows are lost
-- WARNING: dropping table `Device`: all its rows are lost

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- DropTable
DROP TABLE "Tenant";

-- DropTable
DROP TABLE "users";

-- DropTable
DROP TABLE "Team";

-- DropTable
DROP TABLE "memberships";

-- DropTable
DROP TABLE "Device";

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
