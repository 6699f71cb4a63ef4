CREATE TABLE `maintenance_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`maintenance_id` integer NOT NULL,
	`body` text NOT NULL,
	`author` text,
	`form_token` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`maintenance_id`) REFERENCES `maintenances`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `maintenance_updates_maintenance_idx` ON `maintenance_updates` (`maintenance_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `maintenance_updates_form_token_uq` ON `maintenance_updates` (`form_token`);--> statement-breakpoint
ALTER TABLE `incident_templates` ADD `status` text DEFAULT 'investigating' NOT NULL;--> statement-breakpoint
ALTER TABLE `incident_templates` ADD `components` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `incident_templates` ADD `notify` integer DEFAULT true NOT NULL;