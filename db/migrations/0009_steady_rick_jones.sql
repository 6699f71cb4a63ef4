CREATE TABLE `monitor_check_totals` (
	`monitor_id` integer PRIMARY KEY NOT NULL,
	`up` integer DEFAULT 0 NOT NULL,
	`degraded` integer DEFAULT 0 NOT NULL,
	`down` integer DEFAULT 0 NOT NULL,
	`buckets` text DEFAULT '[]' NOT NULL,
	`latency_sum_s` real DEFAULT 0 NOT NULL,
	`latency_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`monitor_id`) REFERENCES `monitors`(`id`) ON UPDATE no action ON DELETE cascade
);
