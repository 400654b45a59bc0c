-- WARNING: going back loses data:
-- WARNING: dropping table `Self`: all its rows are lost
-- WARNING: dropping table `Date`: all its rows are lost
-- WARNING: dropping table `Option`: all its rows are lost
-- WARNING: dropping table `JsonValue`: all its rows are lost
-- WARNING: dropping table `Café`: all its rows are lost
-- WARNING: dropping table `日本`: all its rows are lost
-- WARNING: dropping table `Index`: all its rows are lost
-- WARNING: dropping table `lower_user`: all its rows are lost
-- WARNING: dropping table `upper_user`: all its rows are lost
-- WARNING: dropping table `Type_`: all its rows are lost

-- DropForeignKey
ALTER TABLE "Self" DROP CONSTRAINT "Self_typeModelId_fkey";

-- DropForeignKey
ALTER TABLE "Self" DROP CONSTRAINT "Self_parentId_fkey";

-- DropTable
DROP TABLE "Self";

-- DropTable
DROP TABLE "Date";

-- DropTable
DROP TABLE "Option";

-- DropTable
DROP TABLE "JsonValue";

-- DropTable
DROP TABLE "Café";

-- DropTable
DROP TABLE "日本";

-- DropTable
DROP TABLE "Index";

-- DropTable
DROP TABLE "lower_user";

-- DropTable
DROP TABLE "upper_user";

-- DropTable
DROP TABLE "Type_";

-- DropEnum
DROP TYPE "Type";

-- DropEnum
DROP TYPE "Vec";

-- DropEnum
DROP TYPE "Status";

-- DropEnum
DROP TYPE "Fits";

-- DropEnum
DROP TYPE "Long";
