# Django's English dates follow AP style, which abbreviates some months and not others ("Dec. 31, 2021"
# beside "April 22, 2023"); the pages spell every month out.
DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, P"
