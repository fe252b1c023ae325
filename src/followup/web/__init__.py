"""The Django project: settings for the store now, the web pages later."""
