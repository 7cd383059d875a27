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

GRADE_5 = """Water on Earth is always moving. It travels from the oceans up into the sky, falls
back to the land, and then flows to the sea again. Scientists call this journey the water
cycle. Energy from the Sun keeps it going.

The cycle starts with evaporation. When sunlight warms oceans, lakes, and rivers, some of the
water changes into an invisible gas called water vapor. About 86 percent of this evaporation
happens over the oceans. Plants also give off water vapor through tiny holes in their leaves.

As warm air rises, it cools down. Cool air cannot hold as much water vapor, so the vapor
turns back into tiny drops of water. Millions of these drops gather together and form clouds.
When the drops grow heavy enough, they fall as rain, snow, or hail.

Some of the water soaks into the ground and is stored there for a long time. In cold places,
ice holds about 69 percent of Earth's fresh water. The rest flows into streams and rivers that
carry it back to the ocean, where the cycle begins again."""

GRADE_8 = """Water on Earth is always moving. It travels from the oceans to the sky, falls back
to the land, and then returns to the sea. Scientists call this endless journey the water
cycle, and it is powered almost entirely by energy from the Sun.

The cycle is usually said to begin with evaporation. When sunlight warms the surface of
oceans, lakes, and rivers, liquid water absorbs energy and changes into an invisible gas called
water vapor. About 86 percent of the evaporation on our planet happens over the oceans. Plants
also release water vapor through tiny openings in their leaves, a process called transpiration.

As warm, moist air rises, it cools. Cooler air cannot hold as much water vapor, so the vapor
condenses onto tiny particles of dust and salt and forms droplets. Billions of droplets gather
to form clouds. When the droplets collide and grow heavy enough, they fall to the ground as
rain, snow, sleet, or hail.

Some of this water soaks into the soil and becomes groundwater. It can stay underground for
thousands of years. Glaciers and ice sheets hold about 69 percent of Earth's fresh water.
The rest runs across the land into streams and rivers, which carry it back
to the ocean so the cycle can begin again."""

BY_GRADE = {2: GRADE_2, 5: GRADE_5, 8: GRADE_8}
