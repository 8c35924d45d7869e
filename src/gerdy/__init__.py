"""gerdy: an explainable, adaptive rehab coach for runners with IT band syndrome."""

__version__ = "0.1.0"
