-- CreateTable
CREATE TABLE `Tenant` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `slug` VARCHAR(191) NOT NULL,
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `users` (
    `tenant_id` INTEGER NOT NULL,
    `user_no` INTEGER NOT NULL,
    `email` VARCHAR(191) NOT NULL,
    PRIMARY KEY (`tenant_id`, `user_no`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Team` (
    `tenant_id` INTEGER NOT NULL,
    `code` VARCHAR(16) NOT NULL,
    `name` VARCHAR(191) NOT NULL,
    PRIMARY KEY (`tenant_id`, `code`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `memberships` (
    `tenant_id` INTEGER NOT NULL,
    `user_no` INTEGER NOT NULL,
    `team_code` VARCHAR(16) NOT NULL,
    `role` VARCHAR(191) NOT NULL DEFAULT 'member',
    `joined_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenant_id`, `user_no`, `team_code`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Device` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `label` VARCHAR(191) NOT NULL DEFAULT 'device',
    `tenant_id` INTEGER,
    `user_email` VARCHAR(191),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateIndex
CREATE UNIQUE INDEX `Tenant_slug_key` ON `Tenant`(`slug`);

-- CreateIndex
CREATE UNIQUE INDEX `users_tenant_id_email_key` ON `users`(`tenant_id`, `email`);

-- CreateIndex
CREATE INDEX `memberships_tenant_id_team_code_idx` ON `memberships`(`tenant_id`, `team_code`);

-- AddForeignKey
ALTER TABLE `users` ADD CONSTRAINT `users_tenant_id_fkey` FOREIGN KEY (`tenant_id`) REFERENCES `Tenant`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Team` ADD CONSTRAINT `Team_tenant_id_fkey` FOREIGN KEY (`tenant_id`) REFERENCES `Tenant`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `memberships` ADD CONSTRAINT `memberships_tenant_id_user_no_fkey` FOREIGN KEY (`tenant_id`, `user_no`) REFERENCES `users`(`tenant_id`, `user_no`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `memberships` ADD CONSTRAINT `membership_team_fk` FOREIGN KEY (`tenant_id`, `team_code`) REFERENCES `Team`(`tenant_id`, `code`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Device` ADD CONSTRAINT `Device_tenant_id_user_email_fkey` FOREIGN KEY (`tenant_id`, `user_email`) REFERENCES `users`(`tenant_id`, `email`) ON DELETE SET NULL ON UPDATE CASCADE;
