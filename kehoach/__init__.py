"""kehoach: question answering with verified citations over Vietnamese plan documents."""

__version__ = "0.1.0"
