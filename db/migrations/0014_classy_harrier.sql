CREATE TABLE `incident_pages` (
	`incident_id` integer NOT NULL,
	`page_id` integer NOT NULL,
	PRIMARY KEY(`incident_id`, `page_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_pages_page_idx` ON `incident_pages` (`page_id`);--> statement-breakpoint
CREATE TABLE `page_components` (
	`page_id` integer NOT NULL,
	`component_id` integer NOT NULL,
	PRIMARY KEY(`page_id`, `component_id`),
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `page_components_component_idx` ON `page_components` (`component_id`);--> statement-breakpoint
CREATE TABLE `pages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`hosts` text DEFAULT '' NOT NULL,
	`visibility` text DEFAULT 'public' NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`all_components` integer DEFAULT false NOT NULL,
	`time_zone` text,
	`brand_color` text,
	`logo_url` text,
	`favicon_url` text,
	`footer_links` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pages_slug_uq` ON `pages` (`slug`);--> statement-breakpoint
ALTER TABLE `subscribers` ADD `page_id` integer;