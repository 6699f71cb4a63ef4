CREATE TABLE `status_declarations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`component_id` integer NOT NULL,
	`source` text NOT NULL,
	`source_id` integer,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `status_declarations_component_start_idx` ON `status_declarations` (`component_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `status_declarations_source_idx` ON `status_declarations` (`source`,`source_id`);--> statement-breakpoint
ALTER TABLE `incident_update_components` ADD `declared_status` text;--> statement-breakpoint
ALTER TABLE `status_intervals` ADD `maintenance` integer DEFAULT false NOT NULL;