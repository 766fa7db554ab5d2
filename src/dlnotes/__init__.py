"""dlnotes"""
