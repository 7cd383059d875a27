"""Passages about the water cycle written for a target grade, for the stub model to return.

They keep the facts of tests/fixtures/water_cycle.txt (86 percent, the Sun) so the model path
can be tested for real: the stub answers with a passage, ParaPrep measures it.
"""

GRADE_2 = """Water on Earth moves all the time. It goes up to the sky. It falls back down. Then it
goes to the sea again. This is the water cycle. The Sun makes it go.

The Sun warms the sea. Some of the water turns into a gas. We call this gas water vapor. You
can not see it. Most of it comes from the sea. About 86 percent of it does.

The warm air goes up. Up high, the air is cold. The water vapor turns into tiny drops. The
drops make clouds. When the drops get big, they fall. They fall as rain or snow.

Some rain goes into the ground. Some runs into rivers. The rivers go back to the sea. Some
water stays frozen as ice. Ice holds about 69 percent of the fresh water on Earth. Then the Sun
warms the sea again. The cycle starts over."""

# Written as a strong model follows the level prompt for grade 5: 10-12 words a sentence, the
# subject terms kept and explained, everyday words elsewhere (measures 5.1).
GRADE_5 = """Water on Earth is always on the move. It travels from the oceans up to the sky, falls
back to the land, and then returns to the sea. Scientists call this continuous journey
the water cycle. Energy from the Sun powers almost all of it.

The cycle has no real beginning, but evaporation is a good place to start. Evaporation
happens when sunlight warms the top of oceans, lakes, and rivers. The liquid water
absorbs energy and changes into an invisible gas called water vapor. About 86 percent
of this evaporation happens over the oceans. Plants also give off water vapor through
tiny holes in their leaves. This is called transpiration.

As warm, moist air rises, it cools. Cool air cannot hold as much water vapor, so the
vapor condenses, which means it turns back into liquid. It forms drops on very small
bits of dust, salt, and smoke. Billions of these drops gather together and make
clouds. When the drops bump together and grow heavy, they fall to the ground as
precipitation. Precipitation is water that falls as rain, snow, sleet, or hail.

Precipitation that reaches the land can take several paths. Some of it flows downhill
as runoff and fills streams and rivers that carry it back to the ocean. Some soaks
into the soil and becomes groundwater. Groundwater can stay under the ground for
thousands of years in layers of rock called aquifers. In cold places, snow may be
stored in glaciers and ice sheets. Together they hold about 69 percent of Earth's
fresh water.

The water cycle matters to every living thing. It brings fresh water to farms and
cities, shapes the weather, and moves heat around the world. The total amount of water
on Earth stays nearly the same. That means the water you drink today may once have
fallen as rain on a dinosaur!"""

GRADE_8 = """Water on Earth is constantly moving. It travels from the oceans to the atmosphere,
falls back to the land, and eventually returns to the sea. Scientists call this
continuous journey the water cycle, and it is powered almost entirely by energy from
the Sun.

The cycle has no true beginning, but it is convenient to start with evaporation. When
sunlight heats the surface of oceans, lakes, and rivers, liquid water absorbs energy
and changes into an invisible gas called water vapor. Approximately 86 percent of the
evaporation on our planet occurs over the oceans. Plants also release water vapor
through microscopic openings in their leaves, a process known as transpiration.

As warm, humid air rises, it cools. Because cooler air cannot hold as much water
vapor, the vapor condenses onto microscopic particles of dust, salt, and smoke.
Billions of these droplets accumulate to form clouds. When the droplets collide and
become heavy enough, they fall to the ground as precipitation: rain, snow, sleet, or
hail.

Precipitation that reaches the land follows several paths. Some of it flows downhill
as runoff, filling the streams and rivers that carry it back to the ocean. Some soaks
into the soil and becomes groundwater, which can remain underground for thousands of
years in porous layers of rock called aquifers. In cold regions, snow may be stored in
glaciers and ice sheets, which together contain about 69 percent of Earth's fresh
water.

The water cycle is essential to every living organism. It delivers fresh water to
farms and cities, shapes the weather, and distributes heat around the globe. Because
the total amount of water on Earth stays nearly constant, the water you drink today
may once have fallen as rain on a dinosaur."""

# Grade 10: longer sentences and academic words; the facts of the source only (measures 10.8).
GRADE_10 = """Water on Earth is in constant motion, traveling from the oceans to the atmosphere,
falling back to the land, and eventually returning to the sea. Scientists call this
continuous circulation the water cycle, a process driven almost entirely by energy
from the Sun.

Although the cycle has no true beginning, it is convenient to begin with evaporation,
which occurs when sunlight heats the surface of oceans, lakes, and rivers until liquid
water absorbs enough energy to become an invisible gas called water vapor.
Approximately 86 percent of global evaporation takes place over the oceans, while
vegetation contributes additional vapor through microscopic pores in its leaves, a
process known as transpiration.

As warm, humid air ascends, it cools, and because cooler air cannot retain as much
water vapor, the vapor condenses onto microscopic particles of dust, salt, and smoke.
Billions of these droplets accumulate to form clouds, and when the droplets collide
and become sufficiently heavy, they descend as precipitation in the form of rain,
snow, sleet, or hail.

Precipitation that reaches the land follows several distinct pathways. Some flows
downhill as surface runoff, replenishing the streams and rivers that transport it back
to the ocean, while some infiltrates the soil and becomes groundwater, which may
remain underground for thousands of years in porous layers of rock called aquifers. In
polar and mountainous regions, snow may accumulate in glaciers and ice sheets, which
together contain approximately 69 percent of Earth's fresh water.

The water cycle is essential to every living organism, since it distributes fresh
water to agricultural and urban areas, regulates weather patterns, and redistributes
heat across the globe. Because the total quantity of water on Earth remains nearly
constant, the water you drink today may once have fallen as rain on a dinosaur."""

BY_GRADE = {2: GRADE_2, 5: GRADE_5, 8: GRADE_8, 10: GRADE_10}
