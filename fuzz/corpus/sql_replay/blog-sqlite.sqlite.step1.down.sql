-- WARNING: going back loses data:
-- WARNING: dropping table `authors`: all its rows are lost
-- WARNING: dropping table `articles`: all its rows are lost
-- WARNING: dropping table `Label`: all its rows are lost
-- WARNING: dropping table `_ArticleLabels`: all its rows are lost

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- DropTable
DROP TABLE "authors";

-- DropTable
DROP TABLE "articles";

-- DropTable
DROP TABLE "Label";

-- DropTable
DROP TABLE "_ArticleLabels";

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
