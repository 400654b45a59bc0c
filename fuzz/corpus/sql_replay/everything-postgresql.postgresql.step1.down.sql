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

-- DropForeignKey
ALTER TABLE "profiles" DROP CONSTRAINT "profile_user_fk";

-- DropForeignKey
ALTER TABLE "posts" DROP CONSTRAINT "posts_author_id_fkey";

-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_post_id_fkey";

-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_author_id_fkey";

-- DropForeignKey
ALTER TABLE "_CategoryToPost" DROP CONSTRAINT "_CategoryToPost_A_fkey";

-- DropForeignKey
ALTER TABLE "_CategoryToPost" DROP CONSTRAINT "_CategoryToPost_B_fkey";

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

-- DropEnum
DROP TYPE "user_role";

-- DropEnum
DROP TYPE "Status";
