-- WARNING: going back loses data:
-- WARNING: dropping table `authors`: all its rows are lost
-- WARNING: dropping table `articles`: all its rows are lost
-- WARNING: dropping table `Label`: all its rows are lost
-- WARNING: dropping table `_ArticleLabels`: all its rows are lost

-- DropForeignKey
ALTER TABLE "articles" DROP CONSTRAINT "articles_author_id_fkey";

-- DropForeignKey
ALTER TABLE "_ArticleLabels" DROP CONSTRAINT "_ArticleLabels_A_fkey";

-- DropForeignKey
ALTER TABLE "_ArticleLabels" DROP CONSTRAINT "_ArticleLabels_B_fkey";

-- DropTable
DROP TABLE "authors";

-- DropTable
DROP TABLE "articles";

-- DropTable
DROP TABLE "Label";

-- DropTable
DROP TABLE "_ArticleLabels";

-- DropEnum
DROP TYPE "Kind";
