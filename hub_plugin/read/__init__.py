"""Reading: files to text, front matter to values with their line and column, and the
diagnostics that tell a contributor what is wrong where. Nothing here knows what a
case study is: that is ``model``; whether its values are right is ``check``."""
