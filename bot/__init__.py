"""Chat transports (Telegram, Zalo Official Account) over the one answering service.

The bots only format and transport: answering, follow-ups and look-ups are the shared
`bot.service.ChatService`, which calls `retrieval`. Telegram and FastAPI are imported only by
the modules that need them, so importing `bot` stays cheap.
"""
