CREATE INDEX `incidents_resolved_idx` ON `incidents` (`resolved_at`);--> statement-breakpoint
CREATE INDEX `incidents_status_idx` ON `incidents` (`status`);