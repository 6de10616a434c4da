"""Workshop outputs to share: PDF summaries and reports. No Qt; reportlab is imported lazily."""
