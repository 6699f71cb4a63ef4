ALTER TABLE `mail_outbox` ADD `lane` text DEFAULT 'notification' NOT NULL;--> statement-breakpoint
CREATE INDEX `mail_outbox_lane_due_idx` ON `mail_outbox` (`status`,`lane`,`next_attempt_at`);