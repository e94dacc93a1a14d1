"""The browser side of kehoach: the chat page, the responsibility matrix and `/embed.js`.

Plain HTML, CSS and JavaScript served by kehoach itself (no CDN, no build step): the
files in `assets/` are read once when the app is created.
"""
