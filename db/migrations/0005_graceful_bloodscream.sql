CREATE TABLE `webhook_subscriber_components` (
	`subscriber_id` integer NOT NULL,
	`component_id` integer NOT NULL,
	PRIMARY KEY(`subscriber_id`, `component_id`),
	FOREIGN KEY (`subscriber_id`) REFERENCES `webhook_subscribers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `webhook_subscriber_groups` (
	`subscriber_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	PRIMARY KEY(`subscriber_id`, `group_id`),
	FOREIGN KEY (`subscriber_id`) REFERENCES `webhook_subscribers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `component_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `webhook_subscribers` ADD `source` text DEFAULT 'admin' NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_subscribers` ADD `email` text;--> statement-breakpoint
ALTER TABLE `webhook_subscribers` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `webhook_subscribers` ADD `format` text DEFAULT 'statuspage' NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_subscribers` ADD `all_components` integer DEFAULT true NOT NULL;