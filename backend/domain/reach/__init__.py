"""Reaching people: when reminders are due, which status changes are worth a warning, who
chose to hear what where, what the messages say (zh-CN and en) and how each channel wants
them (e-mail, Feishu, DingTalk, WeCom, Slack). Pure: no I/O."""
