"""The pages: function views, each serving its page and (for htmx) its fragment."""
