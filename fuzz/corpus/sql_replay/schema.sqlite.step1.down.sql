-- WARNING: going back loses data:
-- WARNING: dropping table `users`: all its rows are lost
-- WARNING: dropping table `profiles`: all its rows are lost
-- WARNING: dropping table `posts`: all its rows are lost
-- WARNING: dropping table `tags`: all its rows are lost
-- WARNING: dropping table `_PostToTag`: all its rows are lost

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- DropTable
DROP TABLE "users";

-- DropTable
DROP TABLE "profiles";

-- DropTable
DROP TABLE "posts";

-- DropTable
DROP TABLE "tags";

-- DropTable
DROP TABLE "_PostToTag";

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
