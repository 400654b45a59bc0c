-- WARNING: going back loses data:
-- WARNING: dropping table `users`: all its rows are lost
-- WARNING: dropping table `profiles`: all its rows are lost
-- WARNING: dropping table `posts`: all its rows are lost
-- WARNING: dropping table `Comment`: all its rows are lost
-- WARNING: dropping table `Category`: all its rows are lost
-- WARNING: dropping table `AuditLog`: all its rows are lost
-- WARNING: dropping table `_CategoryToPost`: all its rows are lost

-- AlterTable
ALTER TABLE "users" RENAME COLUMN "handle" TO "nickname";

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- DropTable
DROP TABLE "users";

-- DropTable
DROP TABLE "profiles";

-- DropTable
DROP TABLE "posts";

-- DropTable
DROP TABLE "Comment";

-- DropTable
DROP TABLE "Category";

-- DropTable
DROP TABLE "AuditLog";

-- DropTable
DROP TABLE "_CategoryToPost";

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
