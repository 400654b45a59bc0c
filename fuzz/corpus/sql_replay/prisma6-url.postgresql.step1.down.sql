-- WARNING: going back loses data:
-- WARNING: dropping table `Customer`: all its rows are lost
-- WARNING: dropping table `orders`: all its rows are lost

-- DropForeignKey
ALTER TABLE "orders" DROP CONSTRAINT "orders_customer_id_fkey";

-- DropTable
DROP TABLE "Customer";

-- DropTable
DROP TABLE "orders";
