"""drawing: text shaped and fitted into a picture, for share cards and chart images (not a Pelican plugin).

Plain modules: `fonts` (the card faces, themes/base/cardfonts/), `text` (wrap and fit a title of any
length into a box, in its language's direction, shaped by Pillow's complex-text layout), `recipe`
(what else decides a picture's bytes, for the caches of share cards and chart images).
"""
