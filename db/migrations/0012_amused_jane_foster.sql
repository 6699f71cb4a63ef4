CREATE TABLE `sla_corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`component_id` integer NOT NULL,
	`month` text NOT NULL,
	`at` integer NOT NULL,
	`cause` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sla_corrections_month_idx` ON `sla_corrections` (`month`,`component_id`);--> statement-breakpoint
ALTER TABLE `incident_updates` ADD `kind` text DEFAULT 'update' NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `published_at` integer;